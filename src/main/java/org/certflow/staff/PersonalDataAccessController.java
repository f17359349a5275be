package org.certflow.staff;

import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

import org.certflow.application.ApplicationRepository;
import org.certflow.privacy.PersonalDataAccess;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The access trace for {@code ra-admins}: who saw or exported which applicant's personal data, newest first, a page
 * at a time, narrowed to an order number or a staff user. Read only: no request changes or adds a row here.
 */
@Controller
class PersonalDataAccessController {

    static final String PATH = "/staff/personal-data-access";
    static final int PAGE_SIZE = 50;
    static final Pattern ORDER_NUMBER = Pattern.compile("PBJ[0-9]{1,13}");
    private static final Pattern STAFF_USER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final DateTimeFormatter JAPAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private final StaffPageGate pages;
    private final PersonalDataAccess accessTrace;
    private final ApplicationRepository applications;

    PersonalDataAccessController(StaffPageGate pages, PersonalDataAccess accessTrace,
                                 ApplicationRepository applications) {
        this.pages = pages;
        this.accessTrace = accessTrace;
        this.applications = applications;
    }

    @GetMapping(PATH)
    String trace(@RequestParam(defaultValue = "") String orderNumber, @RequestParam(defaultValue = "") String staffUser,
                 @RequestParam(defaultValue = "0") String page, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        return pages.asRaAdmin(request, response, model, user -> {
            String order = orderNumber(orderNumber);
            String staff = staffUser.strip();
            model.addAttribute("orderNumber", orderNumber);
            model.addAttribute("staffUserFilter", staffUser);
            model.addAttribute("time", JAPAN_TIME);
            boolean refused = false;
            if (!order.isEmpty() && !ORDER_NUMBER.matcher(order).matches()) {
                model.addAttribute("orderNumberError", "受付番号は PBJ に続く数字で入力してください（例: PBJ10000001）。");
                refused = true;
            }
            if (!staff.isEmpty() && !STAFF_USER.matcher(staff).matches()) {
                model.addAttribute("staffUserError", "担当者のIDは半角英数字とハイフン（64文字以内）で入力してください。");
                refused = true;
            }
            if (refused) {
                response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
                return "staff/personal-data-access";
            }
            PersonalDataAccess.Page found = accessTrace.page(order.isEmpty() ? null : order,
                    staff.isEmpty() ? null : staff, pageNumber(page), PAGE_SIZE);
            if (!order.isEmpty() && found.total() == 0 && applications.findByOrderNumber(order).isEmpty()) {
                model.addAttribute("orderNumberError", "この受付番号の申込も記録もありません。");
            }
            model.addAttribute("trace", found);
            model.addAttribute("orderNumber", order);
            model.addAttribute("staffUserFilter", staff);
            return "staff/personal-data-access";
        });
    }

    /** As typed, in full-width or small letters too. */
    static String orderNumber(String typed) {
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    }

    private static int pageNumber(String page) {
        try {
            return Math.max(0, Math.min(Integer.parseInt(page.strip()), 1_000_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
