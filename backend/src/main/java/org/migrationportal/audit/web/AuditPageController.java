package org.migrationportal.audit.web;

import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditEntries;
import org.migrationportal.audit.AuditEntryFilter;
import org.migrationportal.audit.AuditEntryPage;
import org.migrationportal.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The audit page (auditors and admins, enforced for /audit/** by the security configuration): a filtered
 * list that works as a plain GET form and, with htmx, swaps only the results; an entry detail; the chain
 * status with a verify button (htmx fragment, or a full page without JavaScript).
 */
@Controller
class AuditPageController {

    static final int PAGE_SIZE = 50;

    private final AuditEntries entries;
    private final AuditChain chain;

    AuditPageController(AuditEntries entries, AuditChain chain) {
        this.entries = entries;
        this.chain = chain;
    }

    @GetMapping("/audit")
    String list(
            @ModelAttribute("filter") AuditFilterForm filter,
            BindingResult binding,
            Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore) {
        AuditEntryFilter criteria = binding.hasErrors() ? AuditEntryFilter.all() : filter.toFilter();
        AuditEntryPage page = binding.hasErrors()
                ? new AuditEntryPage(java.util.List.of(), 0, PAGE_SIZE, false)
                : entries.page(criteria, filter.getPage(), PAGE_SIZE);
        model.addAttribute("entries", page);
        if (htmx != null && historyRestore == null) {
            return "audit/list :: results";
        }
        model.addAttribute("chainStatus", chain.status());
        return "audit/list";
    }

    @GetMapping("/audit/entries/{id}")
    String entry(@PathVariable long id, Model model) {
        model.addAttribute("detail", entries.find(id).orElseThrow(() -> new NotFoundException("audit entry " + id)));
        return "audit/entry";
    }

    @GetMapping("/audit/verify")
    String verify(Model model, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        model.addAttribute("verification", chain.verify());
        if (htmx != null) {
            return "audit/verify :: result";
        }
        model.addAttribute("chainStatus", chain.status());
        return "audit/verify";
    }
}
