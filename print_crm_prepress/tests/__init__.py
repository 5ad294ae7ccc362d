from . import test_security
from . import test_proof
from . import test_proof_concurrency
from . import test_portal
from . import test_reminders
from . import test_upload_policy
from . import test_trust
from . import test_proof_upload
