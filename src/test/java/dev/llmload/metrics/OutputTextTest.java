package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link OutputText}, counted by hand. */
class OutputTextTest {

  @Test
  void wordsAreToldApartIgnoringCase() {
    // 23 characters; The cat sat on the mat: 6 words, "The" and "the" one word -> 5 distinct
    OutputText.Counts c = OutputText.of("The cat sat on the mat.");
    assertEquals(new OutputText.Counts(23, 6, 5), c);
    assertEquals(5.0 / 6, c.diversity().orElseThrow(), 1e-12);
  }

  @Test
  void punctuationAtAWordsEndsIsTakenOffAndARunWithoutLetterOrDigitIsNoWord() {
    // d o n ' t | - - | s t o p . . . | ¡ H o l a ! | grinning face (one code point, two chars) | x, and 5 spaces:
    // 5 + 2 + 7 + 6 + 1 + 1 + 5 = 27 code points; words don't, stop, Hola, x ("--" and the emoji are none)
    OutputText.Counts c = OutputText.of("don't -- stop... \u00A1Hola! \uD83D\uDE00 x");
    assertEquals(new OutputText.Counts(27, 4, 4), c);
  }

  @Test
  void aReplyStuckInALoopHasALowDiversity() {
    OutputText.Counts c = OutputText.of("spam spam\tSPAM\n\neggs spam, spam!");
    assertEquals(6, c.words());
    assertEquals(2, c.distinctWords());
    assertEquals(1.0 / 3, c.diversity().orElseThrow(), 1e-12);
  }

  @Test
  void anEmptyReplyHasNoWordsAndNoDiversity() {
    assertEquals(new OutputText.Counts(0, 0, 0), OutputText.of(""));
    assertTrue(OutputText.of(" \n\t ").diversity().isEmpty());
    assertEquals(4, OutputText.of(" \n\t ").chars());
  }

  @Test
  void digitsMakeWords() {
    assertEquals(new OutputText.Counts(11, 3, 2), OutputText.of("42 x 42 = ?"));
  }

  @Test
  void countsAreChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OutputText.Counts(5, 1, 2));
    assertEquals("counts must be at least 0 with distinctWords at most words, were 5, 1, 2", e.getMessage());
  }
}
