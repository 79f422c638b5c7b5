"""Text → meetings. See `kg.segment.legacy` for the whole-document shapes of the seeds' council."""
from kg.segment.legacy import *  # noqa: F401,F403
from kg.segment.legacy import (PERSON_RE, _person_with_post, clean_view, due_date, segment,  # noqa: F401
                               split_authors)
