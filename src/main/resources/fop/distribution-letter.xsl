<?xml version="1.0" encoding="UTF-8"?>
<!--
  配布状 (distribution letter). Input: the <distribution-letter> document built by DistributionLetterPdf.
  All values arrive as text nodes and are only ever copied with xsl:value-of, never as markup.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="accent">#1f3a5f</xsl:variable>
  <xsl:variable name="rule">#8a97a8</xsl:variable>

  <xsl:template match="/distribution-letter">
    <fo:root xml:lang="ja" font-family="BIZ UDPGothic" font-size="10pt" line-height="1.55">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
                               margin-top="14mm" margin-bottom="10mm" margin-left="20mm" margin-right="20mm">
          <fo:region-body margin-top="4mm" margin-bottom="14mm"/>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>

      <fo:page-sequence master-reference="A4" xml:lang="ja">
        <fo:static-content flow-name="xsl-region-after">
          <fo:block font-size="8pt" color="#555555" text-align="center" border-top="0.4pt solid {$rule}"
                    padding-top="1.5mm">
            <xsl:value-of select="issuer-name"/>
            <xsl:text>　</xsl:text>
            <xsl:value-of select="service-name"/>
            <xsl:text>　受付番号 </xsl:text>
            <xsl:value-of select="order-number"/>
          </fo:block>
        </fo:static-content>

        <fo:flow flow-name="xsl-region-body">
          <!-- date and issuer, top right -->
          <fo:block text-align="end"><xsl:value-of select="issued-on"/></fo:block>
          <fo:block text-align="end"><xsl:value-of select="issuer-name"/></fo:block>
          <fo:block text-align="end"><xsl:value-of select="service-name"/></fo:block>

          <!-- title -->
          <fo:block text-align="center" font-size="24pt" font-weight="bold" letter-spacing="0.5em"
                    space-before="6mm" color="{$accent}">
            <xsl:value-of select="title"/>
          </fo:block>
          <fo:block text-align="center" font-size="11pt" space-after="6mm">
            <xsl:value-of select="service-name"/>
            <xsl:text>　電子証明書受取用パスワードのお知らせ</xsl:text>
          </fo:block>

          <!-- who and what -->
          <fo:table table-layout="fixed" width="100%" border-collapse="collapse" space-after="5mm">
            <fo:table-column column-width="42mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <xsl:call-template name="row">
                <xsl:with-param name="label">サービス名</xsl:with-param>
                <xsl:with-param name="value" select="service-name"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="label">受付番号</xsl:with-param>
                <xsl:with-param name="value" select="order-number"/>
                <xsl:with-param name="bold" select="true()"/>
              </xsl:call-template>
              <xsl:if test="applicant-name">
                <xsl:call-template name="row">
                  <xsl:with-param name="label">申込者</xsl:with-param>
                  <xsl:with-param name="value" select="concat(applicant-name, ' 様')"/>
                </xsl:call-template>
              </xsl:if>
              <xsl:call-template name="row">
                <xsl:with-param name="label">登録メールアドレス</xsl:with-param>
                <xsl:with-param name="value" select="applicant-email"/>
              </xsl:call-template>
              <xsl:call-template name="row">
                <xsl:with-param name="label">受取ページURL</xsl:with-param>
                <xsl:with-param name="value" select="pickup-url"/>
              </xsl:call-template>
            </fo:table-body>
          </fo:table>

          <fo:block space-after="3mm">本書には、電子証明書のダウンロードに必要なパスワードが記載されています。審査の完了後、受付番号と下記のパスワードを用いて受取ページにログインしてください。電子証明書はダウンロードの際に発行されます。</fo:block>

          <!-- the password -->
          <fo:block margin-left="0" margin-right="0" border="1.2pt solid {$accent}" padding="3mm" space-after="2mm" keep-together.within-page="always">
            <fo:block font-size="9.5pt" font-weight="bold" color="{$accent}" text-align="center">
              電子証明書受取用パスワード
            </fo:block>
            <fo:block text-align="center" space-before="1.5mm" space-after="1.5mm">
              <fo:inline font-size="22pt" font-weight="bold" background-color="#eef2f7"
                         padding-left="3mm" padding-right="3mm" padding-top="0.5mm" padding-bottom="0.5mm"
                         letter-spacing="0.08em" white-space-collapse="false" white-space-treatment="preserve">
                <xsl:for-each select="pickup-password/group">
                  <xsl:if test="position() &gt; 1"><xsl:text>  </xsl:text></xsl:if>
                  <xsl:value-of select="."/>
                </xsl:for-each>
              </fo:inline>
            </fo:block>
            <fo:block font-size="8.5pt" text-align="center" color="#333333">
              <xsl:text>読みやすさのため</xsl:text>
              <xsl:value-of select="password-group"/>
              <xsl:text>文字ごとに区切って表示しています。区切りの空白は入力しないでください。</xsl:text>
            </fo:block>
          </fo:block>

          <fo:block font-size="11pt" font-weight="bold" color="#b00020" text-align="center" space-before="2mm" space-after="5mm">
            <xsl:text>審査完了後</xsl:text>
            <xsl:value-of select="pickup-window"/>
            <xsl:text>以内にダウンロードしてください</xsl:text>
          </fo:block>

          <!-- steps 8 to 11 of the service guide -->
          <fo:block font-size="11pt" font-weight="bold" color="{$accent}" border-bottom="0.6pt solid {$accent}"
                    space-after="2mm">
            電子証明書の受け取り手順
          </fo:block>
          <fo:list-block provisional-distance-between-starts="8mm" provisional-label-separation="2mm">
            <xsl:call-template name="step">
              <xsl:with-param name="number">8.</xsl:with-param>
              <xsl:with-param name="heading">メールに記載されているURLから、電子証明書の受取ページにアクセスしてください。</xsl:with-param>
              <xsl:with-param name="text">審査の完了後、登録メールアドレスへダウンロードURLが記載されたメールが届きます。受付番号と、この配布状に記載されたパスワードを用いてログインしてください。</xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="step">
              <xsl:with-param name="number">9.</xsl:with-param>
              <xsl:with-param name="heading">PKCS#12PINを設定してください。</xsl:with-param>
              <xsl:with-param name="text">電子証明書のダウンロード前にPKCS#12PIN（電子証明書を利用する為に必要なパスワード）を設定する必要があります。PKCS#12PINを紛失した場合、再発行は出来ません。ご注意ください。</xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="step">
              <xsl:with-param name="number">10.</xsl:with-param>
              <xsl:with-param name="heading">電子証明書をダウンロードしてください。</xsl:with-param>
              <xsl:with-param name="text" select="concat('ダウンロード可能な期間は審査完了後', pickup-window, 'までとなります。電子証明書はダウンロードの際に発行されます。期間内にダウンロードされなかった場合、お申込みは自動的にキャンセルされます。')"/>
            </xsl:call-template>
            <xsl:call-template name="step">
              <xsl:with-param name="number">11.</xsl:with-param>
              <xsl:with-param name="heading">電子証明書をインストールしてご利用ください。</xsl:with-param>
              <xsl:with-param name="text">電子証明書を利用する為には9.で設定したPKCS#12PINが必要です。</xsl:with-param>
            </xsl:call-template>
          </fo:list-block>

          <!-- keep the letter -->
          <fo:block margin-left="0" margin-right="0" border="1pt solid #b00020" background-color="#fdf1f2" padding="3mm" space-before="5mm"
                              keep-together.within-page="always">
            <fo:block font-weight="bold" color="#b00020">
              配布状は電子証明書をダウンロードするまで大切に保管してください
            </fo:block>
            <fo:block font-size="9pt">
              パスワードは再表示できません。本書とパスワードを第三者に知られないよう、取り扱いにご注意ください。
            </fo:block>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template name="row">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="bold" select="false()"/>
    <fo:table-row>
      <fo:table-cell border="0.5pt solid {$rule}" background-color="#eef2f7" padding="1.5mm 2mm">
        <fo:block font-weight="bold"><xsl:value-of select="$label"/></fo:block>
      </fo:table-cell>
      <fo:table-cell border="0.5pt solid {$rule}" padding="1.5mm 2mm">
        <fo:block>
          <xsl:if test="$bold"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
          <xsl:value-of select="$value"/>
        </fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="step">
    <xsl:param name="number"/>
    <xsl:param name="heading"/>
    <xsl:param name="text"/>
    <fo:list-item space-after="2.5mm">
      <fo:list-item-label end-indent="label-end()">
        <fo:block font-weight="bold"><xsl:value-of select="$number"/></fo:block>
      </fo:list-item-label>
      <fo:list-item-body start-indent="body-start()">
        <fo:block font-weight="bold"><xsl:value-of select="$heading"/></fo:block>
        <fo:block font-size="9.5pt"><xsl:value-of select="$text"/></fo:block>
      </fo:list-item-body>
    </fo:list-item>
  </xsl:template>
</xsl:stylesheet>
