package io.github.serviceaccounts.servicenow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach ServiceNow. Secrets come from the environment (e.g.
 * {@code SERVICENOW_PASSWORD}, {@code SERVICENOW_OAUTH_CLIENTSECRET});
 * {@link #toString()} never shows them.
 *
 * @param baseUrl the instance, e.g. {@code https://acme.service-now.com}; blank means the
 * embedded simulator
 * @param username basic-auth user of the integration account (needs {@code user_admin})
 * @param oauth client credentials; when a client id is set they replace basic auth
 * @param connectTimeout keep far below the job lock time so a hung call cannot outlive
 * its job lock
 * @param readTimeout the Table API itself gives up after 60 s; waiting longer only holds
 * the job
 * @param maxConnections kept-alive connections to the instance; at least the job
 * executor's threads, since each job makes its calls one after the other on one
 * connection
 * @param integrationUser the {@code user_name} ServiceNow records as creator
 * ({@code sys_created_by}) of what this application writes; defaults to {@code username},
 * and must be given with OAuth (the OAuth application's user)
 * @param writeSettleTime how long after it was sent a write that got no clear answer (a
 * 5xx, a time-out, a cut-off body) may still be committed: the instance's transaction
 * quota for REST calls (60 s unless an administrator changed it) plus the time a request
 * may wait for a free worker before it starts. The step that sent it runs again only
 * after this, so its look-up sees what the write did.
 */
@ConfigurationProperties("servicenow")
public record ServiceNowProperties(String baseUrl, String username, String password, String integrationUser,
		OAuth oauth, @DefaultValue("5s") Duration connectTimeout, @DefaultValue("20s") Duration readTimeout,
		@DefaultValue("50") int maxConnections, @DefaultValue("90s") Duration writeSettleTime) {

	public ServiceNowProperties {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("servicenow.max-connections must be 1 or more");
		}
		if (writeSettleTime != null && writeSettleTime.isNegative()) {
			throw new IllegalArgumentException(
					"servicenow.write-settle-time must not be negative, but was " + writeSettleTime);
		}
	}

	/** Who ServiceNow says created a record this application wrote. */
	@Override
	public String integrationUser() {
		return (integrationUser == null || integrationUser.isBlank()) ? username : integrationUser;
	}

	public boolean usesOAuth() {
		return this.oauth != null && this.oauth.clientId() != null && !this.oauth.clientId().isBlank();
	}

	@Override
	public String toString() {
		return "ServiceNowProperties[baseUrl=" + this.baseUrl + ", username=" + this.username + ", integrationUser="
				+ integrationUser() + ", password=" + mask(this.password) + ", oauth=" + this.oauth
				+ ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout + ", maxConnections="
				+ this.maxConnections + ", writeSettleTime=" + this.writeSettleTime + "]";
	}

	static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "(none)" : "******";
	}

	/** OAuth 2.0 client credentials for {@code /oauth_token.do}. */
	public record OAuth(String clientId, String clientSecret) {

		@Override
		public String toString() {
			return "OAuth[clientId=" + this.clientId + ", clientSecret=" + mask(this.clientSecret) + "]";
		}
	}
}
