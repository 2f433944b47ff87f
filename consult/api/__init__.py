"""The JSON API, version 1: places, calendars and hearings to read, input to send, receipts to follow."""
