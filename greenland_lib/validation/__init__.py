"""Validation: scores against the hand annotation (annotations/) and the stored benchmark results (results/)."""
