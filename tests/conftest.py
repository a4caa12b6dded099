"""Test-suite settings shared by every test module."""

import os

from hypothesis import settings

# Property tests explore new examples on every developer run; CI replays a fixed seed
# sequence so that a green main stays green, while `make test` at a desk keeps exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
