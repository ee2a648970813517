package io.github.serviceaccounts.security;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what a command of the engine carries (its task id, its variables, ...). The
 * engine keeps these in protected fields without getters. A field that cannot be read (a
 * Camunda upgrade renamed it) refuses the command: the guard fails closed, and logs an
 * ERROR that names the field.
 */
final class CommandFields {

	private static final Logger log = LoggerFactory.getLogger(CommandFields.class);

	private CommandFields() {
	}

	static <T> T read(Object command, String name, Class<T> type) {
		for (Class<?> owner = command.getClass(); owner != null; owner = owner.getSuperclass()) {
			try {
				Field field = owner.getDeclaredField(name);
				field.setAccessible(true);
				Object value = field.get(command);
				if (value != null && !type.isInstance(value)) {
					break;
				}
				return type.cast(value);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				break;
			}
		}
		// The application's own failure (an upgrade renamed the field): an ERROR with the
		// names for the operator; the caller learns only that it was refused.
		log.error("The engine guard cannot read '{}' of {}, so it refuses the command", name,
				command.getClass().getName());
		throw new AuthorizationException("This call cannot be checked, so it is refused.");
	}

}
