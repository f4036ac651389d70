"""The quiz engine's domain errors. Each carries a message a trainee or supervisor can act on.

Views turn ``NotFound`` into a 404 (the object is not theirs to see, so nothing says whether
it exists) and every other ``QuizError`` into a message on the page; none of them is a 500.
"""


class QuizError(Exception):
    """A rule of the quiz engine refused the request; ``str(error)`` is shown to the person."""


class NotFound(QuizError):
    """No such quiz, attempt or slot, or not one this person may see."""


class QuizUnavailable(QuizError):
    """The quiz cannot be taken: it has no published version, or the person is not enrolled."""


class AttemptLimitReached(QuizError):
    pass


class AttemptClosed(QuizError):
    """The attempt is no longer open: submitted, or its time limit has ended."""


class AttemptExpired(AttemptClosed):
    pass


class InvalidAnswer(QuizError):
    """The answer does not fit the question: a choice it does not offer, or a stale step."""


class AnswerLocked(QuizError):
    """The answer is final (checked for feedback, or a branching step already decided)."""


class MissingAnswers(QuizError):
    def __init__(self, positions):
        self.positions = tuple(positions)
        numbers = ", ".join(str(position) for position in self.positions)
        noun = "question" if len(self.positions) == 1 else "questions"
        super().__init__(f"Answer {noun} {numbers} before submitting.")


class GradingRefused(QuizError):
    """A supervisor's mark was refused: not their trainee, not gradable, or out of range."""
