# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import helpdesk_ticket_type
from . import helpdesk_ticket_stage
from . import helpdesk_ticket_team
from . import print_service_cause
from . import print_service_step
from . import res_company_feedback
from . import res_config_settings_feedback
from . import res_partner
from . import print_job_stage
from . import print_job
from . import helpdesk_ticket
from . import print_service_callback_rule
from . import print_service_callback
from . import print_service_callback_links
from . import print_call_desk
