package io.github.serviceaccounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ConcurrentStartTests {

	@Test
	void aDuplicateKeyFromAnotherNodeIsAnsweredByLookingAgain() {
		AtomicInteger runs = new AtomicInteger();

		ConcurrentStart.createWhenMissing(() -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("ENGINE-03004 INSERT failed", new SQLException(
						"duplicate key value violates unique constraint \"act_uniq_auth_group\"", "23505"));
			}
		});

		assertThat(runs).hasValue(2);
	}

	@Test
	void anyOtherFailureStopsTheStart() {
		AtomicInteger runs = new AtomicInteger();

		assertThatThrownBy(() -> ConcurrentStart.createWhenMissing(() -> {
			runs.incrementAndGet();
			throw new IllegalStateException("connection refused", new SQLException("refused", "08001"));
		})).hasMessage("connection refused");
		assertThat(runs).hasValue(1);
	}

}
