package org.studyledger.kernel.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.studyledger.kernel.subject.SubjectId;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"ESK-TRD", "ESK", "A1-B2-C3"})
    void acceptsStudyIds(String value) {
        assertThat(new StudyId(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "E", "esk-trd", "ESK--TRD", "-ESK", "ESK-", "ESK TRD", "1ESK", "ESK-TRD-ABCDEFGHIJKLMN"})
    void refusesMalformedStudyIds(String value) {
        assertThatThrownBy(() -> new StudyId(value)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PA", "PAV", "MILANOXX"})
    void acceptsCenterIdsOfTwoToEightLetters(String value) {
        assertThat(new CenterId(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P", "MILANOXXX", "pav", "PA1", "PA-V", ""})
    void refusesOtherCenterIds(String value) {
        assertThatThrownBy(() -> new CenterId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubjectIdNamesItsCenter() {
        SubjectId id = new SubjectId("PAV-001");
        assertThat(id.center()).isEqualTo(new CenterId("PAV"));
        assertThat(id.number()).isEqualTo(1);
        assertThat(id.belongsTo(new CenterId("PAV"))).isTrue();
        assertThat(id.belongsTo(new CenterId("MIL"))).isFalse();
        assertThat(SubjectId.of(new CenterId("MIL"), 36)).isEqualTo(new SubjectId("MIL-036"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAV-1", "PAV-0001", "pav-001", "PAV001", "P-001", "PAV-000", "PAV-00A"})
    void refusesMalformedSubjectIds(String value) {
        assertThatThrownBy(() -> new SubjectId(value)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SubjectId.isValid(value)).isFalse();
    }
}
