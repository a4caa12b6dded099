"""Helpers shared by the test modules: the command-line runner, document builders, samples."""
