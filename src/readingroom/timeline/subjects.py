"""Whose event a clause tells: the biography's subject's, a relative's, or someone
else's.

A clause is the subject's when the word before its verb (past the auxiliaries and
adverbs) is a pronoun of the subject's gender or one of the subject's names, when
it has no subject of its own ("Arriving in the Soviet Union in 1919, …", "… and
joined the party"), when "who" refers back to the subject, or when the subject is
the verb's object ("the party expelled him", "won his release"). A clause whose
subject is another noun ("a deal was reached", "the campaign which started in
1920") or another person tells the times, not the life; one whose subject is a
relative ("his wife died") tells the relative's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .labels import is_adverb
from .lexicon import lexicon


class Whose(IntEnum):
    """Ordered so that the likelier reading of two is the greater."""

    OTHER = 0
    RELATIVE = 1
    SUBJECT = 2


@dataclass(frozen=True)
class Subject:
    """Whom a biography tells of: the words of their name and their pronouns."""

    names: frozenset[str]
    # Nominative first ("he"), then the object and possessive forms.
    pronouns: tuple[str, ...]
    # "he", "she", or both when the text does not tell.
    nominatives: frozenset[str]

    @classmethod
    def of(cls, name: str | None, lowered: str) -> Subject:
        """The subject of a (lowered) biography: the pronouns are those of the gender
        the text uses at least twice as often as the other, or both when it does not."""
        words = lexicon()
        # A count of the pronouns between spaces is all a majority needs, and fast;
        # the text is padded so that its first word counts too.
        padded = f" {lowered} ".replace("\n", " ").replace(",", " ").replace(".", " ")
        counts = {
            "he": sum(padded.count(f" {word} ") for word in words.masculine),
            "she": sum(padded.count(f" {word} ") for word in words.feminine),
        }
        if counts["he"] > 2 * counts["she"]:
            pronouns = words.masculine
        elif counts["she"] > 2 * counts["he"]:
            pronouns = words.feminine
        else:
            pronouns = words.masculine + words.feminine
        nominatives = frozenset(p for p in pronouns if p in (words.masculine[0], words.feminine[0]))
        return cls(_name_words(name), pronouns, nominatives)

    def among(self, sentence: str) -> bool:
        """Whether a (lowered) sentence names the subject with others ("she and
        Berkman", "he and his wife"), so that its "they" counts the subject in."""
        return any(
            f" {nominative} and " in f" {sentence}" or f" and {nominative} " in sentence
            for nominative in self.nominatives
        ) or any(word in sentence for word in (" both ", " together", " the couple"))

    def whose(
        self, before_verb: list[str], opener: str, antecedent: str, among: bool = False
    ) -> Whose:
        """Whose the clause is whose words before its verb are `before_verb`. `opener`
        is the relative word that opens the clause, if any; `antecedent` the word
        before it; `among`, whether the sentence names the subject among others."""
        words = lexicon()
        for raw in reversed(before_verb):
            word = raw.strip(",.;:()\"“”‘’'")
            lower = word.lower()
            if not word or lower in words.between or is_adverb(word):
                continue
            if lower in self.nominatives or (lower == "they" and among):
                return Whose.SUBJECT
            if lower == "and" or (word[:1].isupper() and self._coordinated(before_verb)):
                # "she and Alexander Berkman were imprisoned"
                return Whose.SUBJECT if self._coordinated(before_verb) else Whose.OTHER
            if lower.removesuffix("'s").removesuffix("’s") in self.names:
                return Whose.SUBJECT
            if lower in words.collectives:
                return Whose.SUBJECT  # "the family fled south to Marseille"
            family = self._relative(before_verb, raw)
            if family is not None:
                return family
            if self._owned(before_verb, raw) and not self._person(before_verb, raw):
                return Whose.SUBJECT  # "her Vindication of the Rights of Woman"
            if word[:1].isupper() and lower not in words.determiners:
                return Whose.OTHER if self.names else Whose.SUBJECT
            return Whose.OTHER
        if opener in ("which", "that"):
            return Whose.OTHER
        if opener == "who" and self.names and antecedent.strip(",").lower() not in self.names:
            return Whose.OTHER
        return Whose.SUBJECT

    def named_in(self, words: list[str]) -> bool:
        """Whether the words name the subject, by a name or the nominative pronoun."""
        return any(
            w.strip(",.").lower() in self.names or w.strip(",.").lower() in self.nominatives
            for w in words
        )

    def is_object(self, after_verb: list[str]) -> bool:
        """Whether the words after a verb name the subject as its object ("turned her
        into an anarchist", "won his release")."""
        words = [w.lower().strip(",.") for w in after_verb[:3]]
        if not words or words[0] not in self.pronouns or words[0] in self.nominatives:
            return False
        following = words[1] if len(words) > 1 else ""
        if words[0] in ("him", "himself", "herself"):
            return True
        # "her" and "his" are possessives too: only an event done to the subject counts.
        return following in lexicon().event_nouns or (
            words[0] == "her" and following in lexicon().after_object
        )

    def _relative(self, before_verb: list[str], noun: str) -> Whose | None:
        """A relative of the subject's ("his wife", "their daughter Fanny") or of
        someone else's, when the phrase ending at `noun` names one; else None."""
        index = before_verb.index(noun)
        family = lexicon().family
        for position in range(index, max(-1, index - 3), -1):
            if before_verb[position].lower().strip(",") in family:
                return Whose.RELATIVE if self._owned(before_verb, noun) else Whose.OTHER
        return None

    def _person(self, before_verb: list[str], noun: str) -> bool:
        """Whether the phrase ending at `noun` names another person ("her friend
        Jogiches")."""
        index = before_verb.index(noun)
        people = lexicon().people
        return any(
            w.lower().strip(",") in people for w in before_verb[max(0, index - 2) : index + 1]
        )

    def _owned(self, before_verb: list[str], noun: str) -> bool:
        """Whether the noun phrase ending at `noun` is the subject's ("his novel", "her
        Vindication of the Rights of Woman"): a possessive of the subject's opens it."""
        index = before_verb.index(noun)
        owners = {p for p in self.pronouns if p.startswith(("his", "her"))} | {"their"}
        phrase = before_verb[: index + 1]
        for position in range(len(phrase) - 1, -1, -1):
            word = phrase[position].lower()
            if word in owners:
                return True
            if word.endswith(",") or word in lexicon().breaks - {"of"}:
                return False  # the phrase began after a comma or a preposition
        return False

    def _coordinated(self, before_verb: list[str]) -> bool:
        """Whether the clause's subject is the subject and someone else."""
        lowered = [w.strip(",").lower() for w in before_verb]
        return "and" in lowered and any(
            w in self.nominatives or w in self.names for w in lowered[: lowered.index("and") + 2]
        )


def _name_words(name: str | None) -> frozenset[str]:
    """The words of a name that stand for its bearer alone ("Rosa", "Luxemburg")."""
    if not name:
        return frozenset()
    return frozenset(
        word.strip(".,").lower()
        for word in name.replace("-", " ").split()
        if len(word.strip(".,")) > 1 and word.lower() not in lexicon().name_particles
    )
