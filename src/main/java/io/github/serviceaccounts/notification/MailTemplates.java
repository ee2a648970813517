package io.github.serviceaccounts.notification;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/mail/<name>.txt} (TEXT mode; values are written with
 * {@code [(...)]} as they are, since Thymeleaf would HTML-escape {@code [[...]]} even in
 * a plain-text part) and {@code templates/mail/<name>.html} (HTML mode, values escaped).
 * <p>
 * Mail keeps its own engine instead of Spring Boot's: that one only knows HTML views, and
 * adding a TEXT resolver or a second engine bean would change how the web side resolves
 * templates.
 */
final class MailTemplates {

	private static final String PREFIX = "templates/mail/";

	private final TemplateEngine engine = new SpringTemplateEngine();

	MailTemplates() {
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
		engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix(PREFIX);
		resolver.setTemplateMode(mode);
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	String text(String name, Map<String, Object> model) {
		return engine.process(name + ".txt", context(model));
	}

	String html(String name, Map<String, Object> model) {
		return engine.process(name + ".html", context(model));
	}

	private static Context context(Map<String, Object> model) {
		return new Context(Locale.ENGLISH, model);
	}

}
