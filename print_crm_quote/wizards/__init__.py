from . import print_estimate_accept_wizard
from . import sale_order_print_approval_wizard
from . import print_contact_log_wizard
from . import print_partner_reassign_wizard
from . import print_customer_registration_merge
