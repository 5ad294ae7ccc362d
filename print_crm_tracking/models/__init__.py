from . import print_job_stage
from . import print_job_route
from . import print_job
from . import print_job_history
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
