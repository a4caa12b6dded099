"""KPI measurements of a workspace, in a database table the KPI use cases read and add to."""
