package io.github.serviceaccounts.request;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.serviceaccounts.servicenow.ServiceAccountPolicy;
import io.github.serviceaccounts.servicenow.ServiceNowProperties;

/**
 * The ServiceNow client writes only to service accounts: it learns what makes one from
 * the request's own setting ({@code serviceaccounts.account-prefix}, the prefix the
 * account-name rule requires) and the integration user ServiceNow records as their
 * creator, so the prefix is set in one place only.
 */
@Configuration(proxyBeanMethods = false)
class ServiceAccountPolicyConfiguration {

	@Bean
	ServiceAccountPolicy serviceAccountPolicy(ServiceAccountsProperties accounts, ServiceNowProperties serviceNow) {
		return new ServiceAccountPolicy(accounts.accountPrefix(), serviceNow.integrationUser());
	}

}
