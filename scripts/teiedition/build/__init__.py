"""The build: configuration, the enriched corpus, the orchestrator, incremental builds,
publishing and the benchmark."""
