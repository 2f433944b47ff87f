"""Outgoing mail: an outbox table written in the same transaction as the change that causes it,
and a sender (run by the scheduler) that delivers each message exactly once."""
