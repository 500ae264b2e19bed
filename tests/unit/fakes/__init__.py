"""Hand-written in-memory fakes of the ports, for use-case tests without I/O."""
