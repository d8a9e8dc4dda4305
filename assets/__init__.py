"""Thin Dagster assets and checks over the ``warta`` core."""

from .checks import great_expectations_suites, integrity_checks
from .tables import parse_landing_partition
from .warehouse import warehouse

ASSETS = [parse_landing_partition, warehouse]
ASSET_CHECKS = [integrity_checks, great_expectations_suites]
