from . import print_job_gate_override_wizard
from . import print_artwork_upload_wizard
