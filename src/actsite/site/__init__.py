"""Site: the build (cache, plan, write), MkDocs hooks, redirect pages and atomic publishing."""
