"""A stand-in classifier whose training can be slowed down, so a test can kill a worker
mid-run."""

import os
import time

from careloop.themes.classification import KeywordEngine


class SlowKeywordEngine(KeywordEngine):
    def build(self, *, themes, examples=(), progress=None):
        time.sleep(float(os.environ.get("CARELOOP_TEST_TRAIN_PAUSE", "0")))
        return super().build(themes=themes, examples=examples, progress=progress)
