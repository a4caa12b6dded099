"""The server's pages: login, and the list of one's workspaces (the full pages come next)."""
