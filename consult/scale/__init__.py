"""What national scale needs beyond each area's own code, found with the benchmarks in bench/:
covering indexes on other areas' tables, and cached cycle aggregates with exact invalidation."""
