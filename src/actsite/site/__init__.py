"""Site: the build driver (generate, engine, post-process, publish), the serve loop, the optional MkDocs adapter."""
