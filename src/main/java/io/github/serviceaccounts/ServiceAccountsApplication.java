package io.github.serviceaccounts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// Never an OpenID provider itself: the tests run Spring Authorization Server beside it, and
// its auto-configuration would otherwise add a token decoder and filter chains here too.
@SpringBootApplication(excludeName = {
		"org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
		"org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration" })
@ConfigurationPropertiesScan
public class ServiceAccountsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ServiceAccountsApplication.class, args);
	}

}
