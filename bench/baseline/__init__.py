"""The near-limit baseline: a raw ASGI app with an asyncpg pool."""
