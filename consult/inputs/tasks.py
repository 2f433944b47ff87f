"""The inputs' scheduled jobs: personal data past its retention removed, taggers relearned."""

import logging

from consult.inputs.pdpa import anonymise_expired_contacts

log = logging.getLogger("consult.scheduler")


def expire_personal_data() -> dict[str, int]:
    """PDPA: contact details kept past the retention period are removed."""
    removed = anonymise_expired_contacts()
    if removed:
        log.info("personal data: %s contacts past the retention period removed", removed)
    return {"contacts_removed": removed}


def retrain_taggers() -> dict[str, int]:
    """Each plan's tagger relearned from the tags planners confirmed since (unchanged: skipped)."""
    # scikit-learn loads in the scheduler when it retrains, not in the web workers, which import
    # this module through the scheduler's job list (consult.jobs)
    from consult.inputs.training import retrain_all

    return retrain_all()
