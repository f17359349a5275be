package org.certflow.mail;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * The mails' plain-text templates ({@code mail/*.txt}) in Spring Boot's Thymeleaf engine, next to the pages' HTML
 * ones. Only names under {@code mail/} reach this resolver, so a page can never be rendered from a mail template
 * or the other way round.
 */
@Configuration(proxyBeanMethods = false)
class MailTemplateConfiguration {

    static final String PREFIX = "mail/";

    @Bean
    ITemplateResolver mailTemplateResolver() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setResolvablePatterns(Set.of(PREFIX + "*"));
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(0);
        return resolver;
    }
}
