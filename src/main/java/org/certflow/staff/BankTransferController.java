package org.certflow.staff;

import java.io.IOException;
import java.util.function.Function;

import org.certflow.billing.banktransfer.BankTransferImport;
import org.certflow.billing.banktransfer.BankTransferProperties;
import org.certflow.billing.banktransfer.PaymentTask.Actor;
import org.certflow.billing.banktransfer.PaymentTask.Refused;
import org.certflow.billing.banktransfer.TransferFileException;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.service.ServiceProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The staff page where accounting imports the bank's transfer notice and assigns the transfers certflow could not
 * match. Only members of {@code accounting}, the group that works the payment tasks, logged into Camunda's webapps;
 * anybody else is sent to the login or refused before anything is read. Forms carry Spring Security's CSRF token,
 * like the portal's; remitter names are bank data and are shown escaped, and every showing of them is recorded in the
 * access trace (no single application: the page lists many).
 */
@Controller
class BankTransferController {

    static final String PATH = "/staff/bank-transfers";
    private static final int REFERENCE_MAX = 40;
    private static final int COMMENT_MAX = 1000;

    private final StaffPageGate gate;
    private final BankTransferImport bankTransfers;
    private final BankTransferProperties settings;
    private final ServiceProperties service;
    private final PersonalDataAccess accessTrace;

    BankTransferController(StaffPageGate gate, BankTransferImport bankTransfers,
                           BankTransferProperties settings, ServiceProperties service, PersonalDataAccess accessTrace) {
        this.accessTrace = accessTrace;
        this.gate = gate;
        this.bankTransfers = bankTransfers;
        this.settings = settings;
        this.service = service;
    }

    @GetMapping(PATH)
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, actor -> page(model, actor));
    }

    @PostMapping(PATH)
    String importFile(@RequestParam(name = "file", required = false) MultipartFile file, HttpServletRequest request,
                      HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, actor -> {
            if (file == null || file.isEmpty()) {
                return failed(model, response, actor, "取り込むファイルを選んでください。");
            }
            if (file.getSize() > settings.maxFileSize().toBytes()) {
                return failed(model, response, actor, String.format("ファイルが大きすぎます（上限 %,d バイト）。振込入金通知の"
                        + "ファイルか確認してください。", settings.maxFileSize().toBytes()));
            }
            try {
                model.addAttribute("outcome", bankTransfers.importFile(file.getBytes(), actor));
            } catch (TransferFileException unreadable) {
                return failed(model, response, actor, "ファイルを取り込めませんでした。何も記録していません。" + unreadable.getMessage());
            } catch (IOException cutOff) {
                return failed(model, response, actor, "ファイルを最後まで受け取れませんでした。もう一度取り込んでください。");
            }
            return page(model, actor);
        });
    }

    @PostMapping(PATH + "/{id}/assign")
    String assign(@PathVariable long id, @RequestParam(defaultValue = "") String reference,
                  @RequestParam(defaultValue = "") String comment, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        return asAccountant(request, response, model, actor -> {
            try {
                if (reference.length() > REFERENCE_MAX || comment.length() > COMMENT_MAX) {
                    throw new Refused("請求書番号は" + REFERENCE_MAX + "文字、コメントは" + COMMENT_MAX + "文字以内で入力してください");
                }
                model.addAttribute("assigned", bankTransfers.assign(id, reference, comment.strip(), actor));
            } catch (Refused refused) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                model.addAttribute("assignError", refused.getMessage());
                model.addAttribute("assignErrorId", id);
                model.addAttribute("enteredReference", reference);
                model.addAttribute("enteredComment", comment);
            }
            return page(model, actor);
        });
    }

    /** Runs the work for a logged-in member of accounting only (see {@link StaffPageGate}). */
    private String asAccountant(HttpServletRequest request, HttpServletResponse response, Model model,
                                Function<Actor, String> work) {
        return gate.as(StaffGroups.ACCOUNTING, "staff/bank-transfers-forbidden", request, response, model,
                user -> work.apply(new Actor(user.userId(), user.groupIds())));
    }

    private String page(Model model, Actor actor) {
        accessTrace.record(actor.userId(), null, PersonalDataAccess.BANK_TRANSFERS_VIEW);
        model.addAttribute("service", service);
        model.addAttribute("waiting", bankTransfers.waiting());
        model.addAttribute("recent", bankTransfers.recentlyRecorded());
        model.addAttribute("maxFileSize", settings.maxFileSize().toBytes());
        return "staff/bank-transfers";
    }

    private String failed(Model model, HttpServletResponse response, Actor actor, String message) {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("importError", message);
        return page(model, actor);
    }
}
