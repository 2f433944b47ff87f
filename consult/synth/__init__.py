"""Synthetic national data (`flask --app wsgi consult synth`) for benchmarks and load tests."""
