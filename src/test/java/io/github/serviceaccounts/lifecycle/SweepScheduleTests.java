package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;

import org.junit.jupiter.api.Test;

class SweepScheduleTests {

	@Test
	void aRepeatingIntervalIsTheSameScheduleWhateverItsStart() {
		assertThat(SweepSchedule.sameSchedule("R/2026-12-05T10:00:00/PT24H", "R/PT24H")).isTrue();
		assertThat(SweepSchedule.sameSchedule("R/2026-12-05T10:00:00/PT24H", "R/PT12H")).isFalse();
		assertThat(SweepSchedule.sameSchedule("R/2026-12-05T10:00:00/PT24H", "0 0 2 * * ?")).isFalse();
		assertThat(SweepSchedule.sameSchedule("0 0 2 * * ?", "0 0 2 * * ?")).isTrue();
		assertThat(SweepSchedule.sameSchedule("0 0 2 * * ?", "0 0 3 * * ?")).isFalse();
		assertThat(SweepSchedule.sameSchedule(null, "0 0 3 * * ?")).isFalse();
	}

	@Test
	void aCronOrARepeatingIntervalIsAccepted() {
		assertThat(SweepSettingCheck.check("0 0 2 * * ?")).isAfter(new Date());
		assertThat(SweepSettingCheck.check("R/PT24H")).isAfter(new Date());
	}

	@Test
	void anythingElseIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> SweepSettingCheck.check("every night")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("serviceaccounts.lifecycle.sweep='every night'")
			.hasMessageContaining("0 0 2 * * ?");
		assertThatThrownBy(() -> SweepSettingCheck.check("PT24H"))
			.hasMessageContaining("serviceaccounts.lifecycle.sweep");
	}

}
