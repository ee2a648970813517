package io.github.serviceaccounts.servicenow;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.web.client.RestClient;

/** Wires one {@link ServiceNowClient} for the application from {@code servicenow.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ServiceNowProperties.class, ServiceNowPacing.class })
class ServiceNowConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ServiceNowConfiguration.class);

	@Bean
	ServiceNowClient serviceNowClient(RestClient.Builder restClientBuilder, ServiceNowProperties properties,
			ServiceNowPacing pacing, ServiceAccountPolicy policy, Environment environment) {
		ServiceNowBaseUrl baseUrl = new ServiceNowBaseUrl(properties.baseUrl(), environment);
		if (baseUrl.usesSimulator()) {
			logger.info("servicenow.base-url is not set: using the embedded ServiceNow simulator");
		}
		else {
			logger.info("ServiceNow instance {} with {} authentication", baseUrl.get(),
					properties.usesOAuth() ? "OAuth client-credentials" : "basic");
		}
		return new ServiceNowClient(restClient(restClientBuilder, properties, baseUrl, Clock.systemUTC()), baseUrl,
				Clock.systemUTC(), new RequestPacer(pacing), properties.writeSettleTime(), policy);
	}

	/** The HTTP side of the client; tests build it the same way against WireMock. */
	static RestClient restClient(RestClient.Builder builder, ServiceNowProperties properties, Supplier<String> baseUrl,
			Clock clock) {
		HttpComponentsClientHttpRequestFactory requestFactory = new HttpComponentsClientHttpRequestFactory(
				httpClient(properties));
		// No observation per call: ServiceNowCallMetrics already times every call by
		// operation and outcome.
		RestClient.Builder configured = builder.requestFactory(requestFactory)
			.observationRegistry(ObservationRegistry.NOOP)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		if (properties.usesOAuth()) {
			// Cloned before the interceptor is added, so that fetching a token does not
			// ask for a token.
			RestClient tokenClient = configured.clone().build();
			OAuthTokenProvider tokens = new OAuthTokenProvider(tokenClient, baseUrl, properties.oauth().clientId(),
					properties.oauth().clientSecret(), clock);
			configured.requestInterceptor(new OAuthInterceptor(tokens));
		}
		else if (properties.username() != null && !properties.username().isBlank()) {
			configured.requestInterceptor(new BasicAuthenticationInterceptor(properties.username(),
					(properties.password() != null) ? properties.password() : "", StandardCharsets.UTF_8));
		}
		// Without credentials no Authorization header is sent: the embedded simulator
		// needs none.
		return configured.build();
	}

	/**
	 * A blocking client: each call runs on the job's own thread over a pooled, kept-alive
	 * connection (the JDK's HttpClient handed every answer to a new thread on small
	 * machines). HTTP/1.1 only. No automatic retries: a repeated POST could write twice,
	 * so retrying is the process's job, after a look-up. No redirects. No cookies:
	 * ServiceNow serialises requests that share a session cookie and may answer them with
	 * 202.
	 */
	static CloseableHttpClient httpClient(ServiceNowProperties properties) {
		Timeout connectTimeout = Timeout.of(properties.connectTimeout());
		Timeout readTimeout = Timeout.of(properties.readTimeout());
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(properties.maxConnections())
			.setMaxConnPerRoute(properties.maxConnections())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(connectTimeout)
				.setSocketTimeout(readTimeout)
				// A connection the instance (or a proxy) closed while idle is noticed
				// before it is used.
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.setTimeToLive(TimeValue.ofMinutes(5))
				.build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(readTimeout)
				// Waiting for a free connection counts against the connect timeout.
				.setConnectionRequestTimeout(connectTimeout)
				.build())
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.evictExpiredConnections()
			.build();
	}

}
