from . import print_estimate_accept_wizard
from . import sale_order_below_cost_wizard
