"""People: login (Django's auth, throttled), and API tokens shown once and stored hashed."""
