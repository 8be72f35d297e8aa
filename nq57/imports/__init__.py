"""Import review: a plan file staged row by row for an officer to check before it is stored."""
