"""The strategy calendar: a cycle's dated phases, edited by planners, driving the hearings."""
