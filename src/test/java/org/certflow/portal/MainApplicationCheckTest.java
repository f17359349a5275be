package org.certflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.certflow.application.Qualification;
import org.junit.jupiter.api.Test;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

class MainApplicationCheckTest {

    @Test
    void normalisesWhatJapaneseKeyboardsType() {
        MainApplicationForm form = valid();
        form.setFamilyNameKana("やまだ");
        form.setFirstNameKana("ﾀﾛｳ");
        form.setFamilyNameRomaji("ＹＡＭＡＤＡ");
        form.setPhone("０２６３－３２－５３５５");
        form.setPostalCode("〒３９０－０８１１");
        form.setRegistrationNumber("第１２３４５６号");
        Errors errors = check(form, Qualification.FIRST_CLASS_ARCHITECT);
        assertThat(errors.getAllErrors()).isEmpty();
        assertThat(form.getFamilyNameKana()).isEqualTo("ヤマダ");
        assertThat(form.getFirstNameKana()).isEqualTo("タロウ");
        assertThat(form.getFamilyNameRomaji()).isEqualTo("Yamada");
        assertThat(form.getPhone()).isEqualTo("0263-32-5355");
        assertThat(form.getPostalCode()).isEqualTo("390-0811");
        assertThat(form.getRegistrationNumber()).isEqualTo("123456");
    }

    @Test
    void keepsKanjiOfNamesAsTyped() {
        MainApplicationForm form = valid();
        form.setFamilyName(" 髙橋 ");
        form.setFirstName("齋藤");
        assertThat(check(form, Qualification.FIRST_CLASS_ARCHITECT).getAllErrors()).isEmpty();
        assertThat(form.getFamilyName()).isEqualTo("髙橋");
        assertThat(form.getFirstName()).isEqualTo("齋藤");
    }

    @Test
    void namesEveryWrongFieldWithItsOwnMessage() {
        MainApplicationForm form = new MainApplicationForm();
        form.setFamilyNameKana("山田");
        form.setFamilyNameRomaji("Yamada Taro2");
        form.setPhone("12345");
        form.setPostalCode("39008");
        form.setRegistrationNumber("ABC");
        form.setValidityYears(3);
        Errors errors = check(form, Qualification.FIRST_CLASS_ARCHITECT);
        assertThat(errors.getFieldError("familyName").getCode()).isEqualTo("required");
        assertThat(errors.getFieldError("familyNameKana").getCode()).isEqualTo("kana.invalid");
        assertThat(errors.getFieldError("familyNameRomaji").getCode()).isEqualTo("romaji.invalid");
        assertThat(errors.getFieldError("phone").getCode()).isEqualTo("phone.invalid");
        assertThat(errors.getFieldError("postalCode").getCode()).isEqualTo("postalCode.invalid");
        assertThat(errors.getFieldError("registrationNumber").getCode()).isEqualTo("registrationNumber.national");
        assertThat(errors.getFieldError("dateOfBirth").getCode()).isEqualTo("required");
        assertThat(errors.getFieldError("chamberMember").getCode()).isEqualTo("chamberMember.required");
        assertThat(errors.getFieldError("validityYears").getCode()).isEqualTo("validityYears.invalid");
    }

    @Test
    void prefecturalArchitectsGiveThePrefectureAndTheNumber() {
        MainApplicationForm form = valid();
        form.setRegistrationNumber("長野県知事登録 第１２３４５号");
        assertThat(check(form, Qualification.SECOND_CLASS_ARCHITECT).getAllErrors()).isEmpty();
        assertThat(form.getRegistrationNumber()).isEqualTo("長野県12345");
        assertThat(Qualification.SECOND_CLASS_ARCHITECT.organizationalUnit(form.getRegistrationNumber()))
                .isEqualTo("ACT2-20-12345");
        form.setRegistrationNumber("信濃県12345");
        assertThat(check(form, Qualification.WOODEN_ARCHITECT).getFieldError("registrationNumber").getCode())
                .isEqualTo("registrationNumber.prefectural");
    }

    @Test
    void dateOfBirthAcceptsJapaneseWritingAndRefusesMinors() {
        MainApplicationForm form = valid();
        form.setDateOfBirth("１９８０年４月１日");
        assertThat(check(form, Qualification.REAL_ESTATE_APPRAISER).getAllErrors()).isEmpty();
        assertThat(form.getDateOfBirth()).isEqualTo("1980-04-01");
        form.setDateOfBirth("2010/2/30");
        assertThat(check(form, Qualification.REAL_ESTATE_APPRAISER).getFieldError("dateOfBirth").getCode())
                .isEqualTo("dateOfBirth.invalid");
        form.setDateOfBirth("2010-01-01");
        assertThat(check(form, Qualification.REAL_ESTATE_APPRAISER).getFieldError("dateOfBirth").getCode())
                .isEqualTo("dateOfBirth.outOfRange");
    }

    @Test
    void otherQualificationsAcceptLettersInTheRegistrationNumber() {
        MainApplicationForm form = valid();
        form.setRegistrationNumber("ab-12");
        assertThat(check(form, Qualification.OTHER).getAllErrors()).isEmpty();
        assertThat(form.getRegistrationNumber()).isEqualTo("AB-12");
    }

    private static Errors check(MainApplicationForm form, Qualification qualification) {
        Errors errors = new BeanPropertyBindingResult(form, "form");
        MainApplicationCheck.check(form, qualification, java.time.LocalDate.of(2026, 11, 24), errors);
        return errors;
    }

    private static MainApplicationForm valid() {
        MainApplicationForm form = new MainApplicationForm();
        form.setFamilyName("山田");
        form.setFirstName("太郎");
        form.setFamilyNameKana("ヤマダ");
        form.setFirstNameKana("タロウ");
        form.setFamilyNameRomaji("Yamada");
        form.setFirstNameRomaji("Taro");
        form.setPhone("0263-32-5355");
        form.setPostalCode("390-0811");
        form.setAddress("長野県松本市中央1-23-1");
        form.setRegistrationNumber("123456");
        form.setValidityYears(1);
        form.setDateOfBirth("1980-04-01");
        form.setChamberMember(Boolean.FALSE);
        return form;
    }
}
