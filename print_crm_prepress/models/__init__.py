from . import res_company
from . import res_config_settings
from . import print_artwork
from . import print_proof
from . import print_job
from . import ir_attachment
from . import sale_order
from . import print_proof_reminder
