"""What reports show, computed from findings and the roster: printable lists, composition, diffs, the rulebook."""
