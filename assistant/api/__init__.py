"""HTTP surface: the FastAPI app, its dependencies and routers."""
