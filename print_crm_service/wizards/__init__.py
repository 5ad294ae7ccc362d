# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import print_service_wizards
from . import print_job_delivery_wizard
from . import print_service_dispatch_assign
from . import print_service_contract_wizards
from . import print_service_improvement_wizard
