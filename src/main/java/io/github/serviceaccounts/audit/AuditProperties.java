package io.github.serviceaccounts.audit;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an account's history is kept after the account retires
 * ({@code serviceaccounts.audit-retention}, ISO-8601, e.g. {@code P7Y}).
 */
@ConfigurationProperties("serviceaccounts")
record AuditProperties(@DefaultValue("P7Y") Period auditRetention) {

	AuditProperties {
		if (auditRetention.isNegative() || auditRetention.isZero()) {
			throw new IllegalArgumentException(
					"serviceaccounts.audit-retention must be a positive period such as P7Y, not " + auditRetention);
		}
	}

}
