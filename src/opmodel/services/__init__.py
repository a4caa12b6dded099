"""The use cases: one function per thing a user does, taking a document (never a path) and
typed options, returning a result model in no language. The command line, the REST API, the
pages and the reports all call these, and show the same result."""
