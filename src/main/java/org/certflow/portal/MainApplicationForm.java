package org.certflow.portal;

import java.time.LocalDate;

import org.certflow.application.ApplicantDetails;

/** Step 3: the applicant's details as typed; {@link MainApplicationCheck} normalises and checks them. */
public class MainApplicationForm {

    private String familyName;
    private String firstName;
    private String familyNameKana;
    private String firstNameKana;
    private String familyNameRomaji;
    private String firstNameRomaji;
    private String dateOfBirth;
    private String officeName;
    private String phone;
    private String postalCode;
    private String address;
    private String registrationNumber;
    private Integer validityYears = 1;
    private Boolean chamberMember;
    /** Renewals only: revoke the old certificate once the new one is picked up. */
    private Boolean revokePrevious;

    static MainApplicationForm of(ApplicantDetails details, int validityYears, boolean chamberMember) {
        MainApplicationForm form = new MainApplicationForm();
        form.familyName = details.familyName();
        form.firstName = details.firstName();
        form.familyNameKana = details.familyNameKana();
        form.firstNameKana = details.firstNameKana();
        form.familyNameRomaji = details.familyNameRomaji();
        form.firstNameRomaji = details.firstNameRomaji();
        form.dateOfBirth = details.dateOfBirth() == null ? null : details.dateOfBirth().toString();
        form.officeName = details.officeName();
        form.phone = details.phone();
        form.postalCode = details.postalCode();
        form.address = details.address();
        form.registrationNumber = details.registrationNumber();
        form.validityYears = validityYears;
        form.chamberMember = chamberMember;
        return form;
    }

    /** Only after {@link MainApplicationCheck} accepted the form: the date of birth is then ISO-8601. */
    ApplicantDetails toDetails() {
        return new ApplicantDetails(familyName, firstName, familyNameKana, firstNameKana, familyNameRomaji,
                firstNameRomaji, LocalDate.parse(dateOfBirth), officeName == null || officeName.isBlank() ? null : officeName,
                phone, postalCode, address, registrationNumber);
    }

    public String getFamilyName() { return familyName; }
    public void setFamilyName(String familyName) { this.familyName = familyName; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getFamilyNameKana() { return familyNameKana; }
    public void setFamilyNameKana(String familyNameKana) { this.familyNameKana = familyNameKana; }
    public String getFirstNameKana() { return firstNameKana; }
    public void setFirstNameKana(String firstNameKana) { this.firstNameKana = firstNameKana; }
    public String getFamilyNameRomaji() { return familyNameRomaji; }
    public void setFamilyNameRomaji(String familyNameRomaji) { this.familyNameRomaji = familyNameRomaji; }
    public String getFirstNameRomaji() { return firstNameRomaji; }
    public void setFirstNameRomaji(String firstNameRomaji) { this.firstNameRomaji = firstNameRomaji; }
    public String getDateOfBirth() { return dateOfBirth; }
    public void setDateOfBirth(String dateOfBirth) { this.dateOfBirth = dateOfBirth; }
    public String getOfficeName() { return officeName; }
    public void setOfficeName(String officeName) { this.officeName = officeName; }
    public Boolean getChamberMember() { return chamberMember; }
    public void setChamberMember(Boolean chamberMember) { this.chamberMember = chamberMember; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getRegistrationNumber() { return registrationNumber; }
    public void setRegistrationNumber(String registrationNumber) { this.registrationNumber = registrationNumber; }
    public Boolean getRevokePrevious() { return revokePrevious; }
    public void setRevokePrevious(Boolean revokePrevious) { this.revokePrevious = revokePrevious; }
    public Integer getValidityYears() { return validityYears; }
    public void setValidityYears(Integer validityYears) { this.validityYears = validityYears; }
}
