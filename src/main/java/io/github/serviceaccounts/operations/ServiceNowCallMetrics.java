package io.github.serviceaccounts.operations;

import org.springframework.context.annotation.Configuration;

import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code servicenow_calls_seconds}: the latency of every ServiceNow call by method, table
 * and HTTP status ({@code IO_ERROR} when no answer came), as a Prometheus histogram.
 */
@Configuration(proxyBeanMethods = false)
class ServiceNowCallMetrics {

	ServiceNowCallMetrics(ServiceNowClient client, MeterRegistry registry) {
		client.setMetrics((method, table, status, took) -> Timer.builder("servicenow.calls")
			.description("ServiceNow Table API calls")
			.tag("method", method)
			.tag("table", table)
			.tag("status", status)
			.publishPercentileHistogram()
			.register(registry)
			.record(took));
	}

}
