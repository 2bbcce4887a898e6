package org.studyledger.kernel.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "lack of efficacy", "Nausea, with vomiting", "line one\nline two\r\n\tindented",
            "Übelkeit – 恶心 😀", "\u007E"})
    void ordinaryTextIsRecordable(String text) {
        assertThat(Text.problem(text)).isEmpty();
        assertThat(Text.unpairedSurrogateAt(text)).isEqualTo(-1);
        assertThat(Text.quotable(text)).isEqualTo(text);
    }

    @Test
    void anUnpairedSurrogateIsNamedWithItsPosition() {
        assertThat(Text.problem("ab\uD800c")).hasValue("contains an unpaired surrogate U+D800 at character 3: not Unicode text");
        assertThat(Text.unpairedSurrogateAt("ab\uD800c")).isEqualTo(2);
        assertThat(Text.unpairedSurrogateAt("\uDC00")).isZero();
        assertThat(Text.unpairedSurrogateAt("x\uD83D")).isEqualTo(1);
        // A pair counts as one character.
        assertThat(Text.problem("😀\uDE00")).hasValueSatisfying(m -> assertThat(m).contains("U+DE00 at character 2"));
    }

    @Test
    void controlCharactersOtherThanTabAndLineBreaksAreRefused() {
        assertThat(Text.problem("a\u0000b")).hasValue("contains the control character U+0000 at character 2;"
                + " only tab, line feed and carriage return are allowed");
        assertThat(Text.problem("\u001B[31m")).isPresent();
        assertThat(Text.problem("del\u007F")).isPresent();
    }

    @Test
    void aByteOrderMarkAnywhereIsRefused() {
        assertThat(Text.problem("\uFEFFPAV-001")).hasValue("contains a byte-order mark (U+FEFF) at character 1;"
                + " remove the invisible character");
    }

    @Test
    void quotableEscapesOnlyWhatIsRefused() {
        assertThat(Text.quotable("a\u0000b\uD800😀\uFEFF")).isEqualTo("a\\u0000b\\uD800😀\\uFEFF");
        assertThat(Text.problem(Text.quotable("a\u0000b\uD800\uFEFF"))).isEmpty();
    }

    @Test
    void freeTextIsBoundedInCharactersNotUtf16Units() {
        assertThat(Text.freeTextProblem("x".repeat(Text.MAX_FREE_TEXT))).isEmpty();
        assertThat(Text.freeTextProblem("\uD83D\uDE00".repeat(Text.MAX_FREE_TEXT))).isEmpty();
        assertThat(Text.freeTextProblem("x".repeat(Text.MAX_FREE_TEXT + 1)))
                .hasValue("is 201 characters long; free text is at most 200 characters");
        assertThat(Text.freeTextProblem("a\u0000b")).hasValueSatisfying(p -> assertThat(p).contains("U+0000"));
    }
}
