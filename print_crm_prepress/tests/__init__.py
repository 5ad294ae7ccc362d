from . import test_security
from . import test_proof
from . import test_proof_concurrency
