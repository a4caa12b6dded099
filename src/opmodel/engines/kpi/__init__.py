"""Step 6: KPI roll-ups, RAG status, trends, the scorecard, benefits and ITSM figures."""
